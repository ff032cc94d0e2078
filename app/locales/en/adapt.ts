export default {
  meta: { title: "Adopt «{{title}}» in our organisation" },
  button: "Adopt this in our organisation",
  loginInvite: "Does your municipality want to do the same?",
  loginInviteLink: "Log in to adopt this case",
  basedOn: {
    title: "Builds on",
    item: "«{{title}}» by {{organisation}}",
    chainLabel: "This case builds on these cases, nearest first",
  },
  adoptedBy: {
    title: "Adopted by others",
    count_one: "Adopted by {{count}} municipality",
    count_other: "Adopted by {{count}} municipalities",
    item: "«{{title}}» by {{organisation}}",
    draft: "draft",
  },
  whatWeChanged: {
    title: "What we changed",
    label: "What we changed",
    hint: "What did you do differently from the case you build on? Separate paragraphs with an empty line.",
  },
  page: {
    title: "Adopt this in our organisation",
    intro:
      "You create your own case based on «{{title}}» by {{organisation}}. The new case is a draft only your organisation sees until you publish it. It always links back to the original.",
    copiedTitle: "What is copied",
    copied: {
      texts: "Title, summary and all texts (the challenge, what we did, method, partners, results, lessons)",
      areas: "The challenge areas",
      indicators: "The indicators of the results in numbers (name, unit and period)",
    },
    notCopiedTitle: "What is not copied",
    notCopied: {
      values: "The numbers (baseline and result) – you fill in your own",
      contact: "The contact person, the period and the status – the new case starts as «Idea»",
      coOwners: "The co-owners",
    },
    organisation: "The organisation that owns the new case",
    organisationHint: "You are an editor in several organisations. Choose who the case belongs to.",
    organisationOne: "The new case belongs to {{organisation}}.",
    submit: "Create our own case",
    busy: "Creating the case …",
    cancel: "Cancel",
  },
  created: "The case was created as a draft for {{organisation}}. Adapt it, write what you changed, and publish when you are ready.",
  errors: {
    ownCase: "The organisation already owns this case. Choose another organisation.",
    chooseOrganisation: "Choose the organisation that will own the new case.",
  },
  mine: {
    title: "Our cases adopted by others",
    empty: "Nobody else has adopted your cases yet.",
    item: "{{organisation}} builds on «{{original}}»:",
  },
};
