/**
 * The accessibility statement (Digdir's model). `gaps` is the one place the known gaps are
 * listed: update it (and `updated`) when a gap is fixed or found.
 */
export default {
  meta: { title: "Accessibility statement – Løsningsbanken" },
  heading: "Accessibility statement for Løsningsbanken",
  intro:
    "Løsningsbanken should be usable by everyone. This page says which requirements the service must meet, how we have tested it, what we know does not work well enough yet, and how to tell us.",
  law: {
    heading: "Legal requirements",
    text: "Under the Norwegian Equality and Anti-Discrimination Act and the regulations on universal design of information and communication technology (ICT) solutions, websites in Norway must meet WCAG 2.1 at level AA. Løsningsbanken holds itself to this requirement.",
  },
  testing: {
    heading: "How we have tested",
    text: "This statement is based on our own assessment (self-assessment), last made on {{updated}}. It has not been checked by the Authority for Universal Design of ICT.",
    methods: [
      "Automated axe tests of every page template, in Norwegian and English, as part of the tests that run on every change.",
      "Browser tests that use the service with the keyboard only.",
      "A review of the pages on a phone screen 390 pixels wide.",
    ],
  },
  gaps: {
    heading: "Known gaps",
    intro: "We know these do not work well enough as of {{updated}}:",
    items: [
      "We have not tested with screen readers (such as NVDA, JAWS and VoiceOver) or screen magnifiers, only with automated tests and the keyboard. Problems that only show there may exist.",
      "Cases entered before 5 December 2026 are marked as Norwegian Bokmål until someone changes their language in the form.",
    ],
  },
  updated: "5 December 2026",
  feedback: {
    heading: "Tell us if something does not work",
    text: "If something does not work for you, contact the facilitators in your network. Tell them which page it is and what happened, and we will fix it.",
    authority:
      "If you get no answer, or are not satisfied with the answer, you can complain to the Authority for Universal Design of ICT (the Norwegian Digitalisation Agency):",
    authorityLink: "uutilsynet.no",
  },
};
