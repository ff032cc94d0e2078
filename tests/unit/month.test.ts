/**
 * parseMonth: every way people write a month in the case form or an import file, and what
 * must be refused rather than silently dropped.
 */
import { describe, expect, it } from "vitest";
import { parseMonth } from "~/schemas/month";

const accepted: Array<[string, string]> = [
  ["2024-03", "2024-03"],
  ["2024-3", "2024-03"],
  ["2024/03", "2024-03"],
  ["2024-03-15", "2024-03"],
  ["03.2024", "2024-03"],
  ["3.2024", "2024-03"],
  ["03/2024", "2024-03"],
  ["3/2024", "2024-03"],
  ["03-2024", "2024-03"],
  ["032024", "2024-03"],
  ["202403", "2024-03"],
  ["03 2024", "2024-03"],
  ["mars 2024", "2024-03"],
  ["Mars 2024", "2024-03"],
  ["MARS 2024", "2024-03"],
  ["mar 2024", "2024-03"],
  ["mar. 2024", "2024-03"],
  ["march 2024", "2024-03"],
  ["March 2024", "2024-03"],
  ["March, 2024", "2024-03"],
  ["  mars   2024  ", "2024-03"],
  ["\u00a003.2024\u202f", "2024-03"],
  ["mai 2023", "2023-05"],
  ["May 2023", "2023-05"],
  ["okt 2022", "2022-10"],
  ["Oct 2022", "2022-10"],
  ["desember 2021", "2021-12"],
  ["des 2021", "2021-12"],
  ["Dec 2021", "2021-12"],
  ["januar 1990", "1990-01"],
  ["12.2100", "2100-12"],
  ["sept 2020", "2020-09"],
];

const rejected = [
  "",
  "   ",
  "13.2024",
  "00.2024",
  "2024-13",
  "2024-00",
  "132024",
  "12.1989",
  "01.2101",
  "03.24",
  "0324",
  "mars",
  "2024",
  "marsipan 2024",
  "mær 2024",
  "snart",
  "03.2024.01",
  "2024-03-45",
  "1. mars 2024",
  "<script>",
];

describe("parseMonth", () => {
  it.each(accepted)("reads %j as %s", (input, value) => {
    expect(parseMonth(input)).toEqual({ ok: true, value });
  });

  it.each(rejected)("refuses %j", (input) => {
    expect(parseMonth(input)).toEqual({ ok: false });
  });

  it("reads a decomposed å the same as a composed one (NFC)", () => {
    // No Norwegian month name has æøå, but a name with a decomposed letter must not crash or match wrongly.
    expect(parseMonth("ma\u030ars 2024")).toEqual({ ok: false });
    expect(parseMonth("mars 2024".normalize("NFD"))).toEqual({ ok: true, value: "2024-03" });
  });
});
