export default {
  meta: { title: "Ta i bruk «{{title}}» hos oss" },
  button: "Ta i bruk hos oss",
  loginInvite: "Vil kommunen din gjøre det samme?",
  loginInviteLink: "Logg inn for å ta casen i bruk hos dere",
  basedOn: {
    title: "Bygger på",
    item: "«{{title}}» fra {{organisation}}",
    chainLabel: "Casen bygger på disse casene, nærmeste først",
  },
  adoptedBy: {
    title: "Tatt i bruk av andre",
    count_one: "Tatt i bruk i {{count}} kommune",
    count_other: "Tatt i bruk i {{count}} kommuner",
    item: "«{{title}}» fra {{organisation}}",
    draft: "utkast",
  },
  whatWeChanged: {
    title: "Hva vi endret",
    label: "Hva vi endret",
    hint: "Hva gjorde dere annerledes enn i casen dere bygger på? Skill avsnitt med en tom linje.",
  },
  page: {
    title: "Ta i bruk hos oss",
    intro:
      "Dere lager deres egen case med utgangspunkt i «{{title}}» fra {{organisation}}. Den nye casen er et utkast som bare deres organisasjon ser, til dere publiserer den. Den lenker alltid tilbake til originalen.",
    copiedTitle: "Dette blir kopiert",
    copied: {
      texts: "Tittel, sammendrag og alle tekstene (utfordringen, hva vi gjorde, metode, partnere, resultater, erfaringer)",
      areas: "Utfordringsområdene",
      indicators: "Indikatorene for resultater i tall (navn, enhet og periode)",
    },
    notCopiedTitle: "Dette blir ikke kopiert",
    notCopied: {
      values: "Tallene (utgangspunkt og resultat) – de fyller dere inn selv",
      contact: "Kontaktpersonen, perioden og statusen – den nye casen starter som «Idé»",
      coOwners: "Medeierne",
    },
    organisation: "Organisasjonen som eier den nye casen",
    organisationHint: "Du er redaktør i flere organisasjoner. Velg hvem casen skal tilhøre.",
    organisationOne: "Den nye casen tilhører {{organisation}}.",
    submit: "Lag vår egen case",
    busy: "Lager casen …",
    cancel: "Avbryt",
  },
  created: "Casen er laget som et utkast for {{organisation}}. Tilpass den, skriv hva dere endret, og publiser når dere er klare.",
  errors: {
    ownCase: "Organisasjonen eier allerede denne casen. Velg en annen organisasjon.",
    chooseOrganisation: "Velg organisasjonen som skal eie den nye casen.",
  },
  mine: {
    title: "Våre saker tatt i bruk av andre",
    empty: "Ingen andre har tatt i bruk casene deres ennå.",
    item: "{{organisation}} bygger på «{{original}}»:",
  },
};
