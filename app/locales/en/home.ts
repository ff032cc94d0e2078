export default {
  meta: {
    title: "Løsningsbanken – solutions municipalities have actually tried",
    areas: "Challenge areas – Løsningsbanken",
    area: "{{name}} – Løsningsbanken",
  },
  intro: {
    heading: "Solutions municipalities have actually tried",
    lead: "Løsningsbanken collects the experience of municipalities, city districts and county authorities: what they tried, how they did it, what it achieved – and what they would do differently. Find a solution, ask the people who made it, and make it your own.",
    visitor: "Log in with your organisation's account to see cases shared with members only, and to write your own.",
    editor:
      "Have you tried something others can learn from? Share it while the experience is fresh – save it as a draft and share it when you are ready.",
    member: "Would you like to share a solution? Ask an administrator in your organisation for the editor role.",
    noOrganisation:
      "You are not a member of any organisation yet. To share solutions you need an invitation from your organisation's administrator in Løsningsbanken – invitations come by e-mail. If your organisation is not in Løsningsbanken, contact the network's facilitators.",
    login: "Log in",
    writeCase: "Write a case",
    browseAreas: "See all challenge areas",
  },
  latest: {
    heading: "Recently updated cases",
    emptyTitle: "No cases to show yet",
    emptyVisitor: "There are no public cases here yet. Cases shared with members only are shown when you log in.",
    emptyEditor:
      "Be the first: write a case about something your organisation has tried. Describe the challenge, what you did and what it achieved.",
    emptyNoOrganisation:
      "There are no cases you can see here yet. Once you are invited into an organisation, you will also see the cases shared only with members.",
    emptyMember:
      "Editors in the member organisations write the cases. Ask an administrator in your organisation for the editor role if you want to share something.",
  },
  areas: {
    heading: "Challenge areas",
    intro: "Find cases by the challenge you are facing.",
    pageIntro: "Cases are grouped by the challenge they address. The number shows how many cases you have access to.",
    count_one: "{{count}} case",
    count_other: "{{count}} cases",
    empty: "No challenge areas have been added yet.",
    emptyAdmin: "Add challenge areas",
  },
  area: {
    casesHeading: "Cases",
    total_one: "One case you have access to.",
    total_other: "{{count}} cases you have access to.",
    showing: "Showing {{from}}–{{to}} of {{total}}.",
    empty: "No cases in this area yet.",
    emptyVisitor: "Some cases are shared with members of the network only. Log in to see them.",
    emptyEditor: "Have you tried something in {{name}}? Write a case so others can learn from you.",
    allAreas: "All challenge areas",
  },
  pagination: {
    label: "Pages",
    previous: "Previous page",
    next: "Next page",
    page: "Page {{page}}",
  },
  card: {
    owner: "Owner",
    areas: "Challenge areas",
    status: "Status",
    updated: "Updated {{date}}",
  },
} as const;
