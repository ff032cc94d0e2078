/**
 * Choosing several items from a long list: the case's co-owners (organisations) and its
 * challenge areas.
 *
 * Without JavaScript (and in the server HTML) it is a plain list of checkboxes named `name`,
 * one per organisation: the form posts `name=id` for each ticked one.
 *
 * With JavaScript it becomes Designsystemet's Suggestion (a searchable multi-select
 * combobox built on the u-combobox element): typing filters the list ("frøya" leaves
 * Frøya), arrow keys and Enter choose, chosen organisations show as removable chips, and
 * Backspace in the empty field removes the last one. The form still posts the same
 * `name=id` pairs, from hidden inputs kept in step with the choice, so the action (and the
 * no-JavaScript path) cannot tell the two apart. The whole picker is one Tab stop (plus one
 * per chosen organisation's remove button), instead of one per organisation.
 */
import {
  EXPERIMENTAL_Suggestion as Suggestion,
  EXPERIMENTAL_SuggestionEmpty as SuggestionEmpty,
  EXPERIMENTAL_SuggestionInput as SuggestionInput,
  EXPERIMENTAL_SuggestionList as SuggestionList,
  EXPERIMENTAL_SuggestionOption as SuggestionOption,
  Label,
  type SuggestionItem,
} from "@digdir/designsystemet-react";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { CheckboxGroup, describedBy, fieldId, FieldMessages, OptionalMark } from "~/components/ui/form";
import { useHydrated } from "~/components/useHydrated";

export interface PickerOption {
  id: string;
  name: string;
}

export interface OrganisationPickerProps {
  /** Form field name; posted once per chosen organisation. */
  name: string;
  legend: string;
  hint?: string;
  /** Translation key of the error, if any. */
  error?: string;
  options: PickerOption[];
  /** Ids chosen when the form is shown. */
  checked: string[];
  optional?: boolean;
  /** How to use the combobox (defaults to the co-owner picker's text). */
  pickerHint?: string;
  /** Shown when nothing matches what was typed (defaults to the co-owner picker's text). */
  emptyText?: string;
  /** Extra class on the field, e.g. "area-picker". */
  className?: string;
}

const SR_KEYS = [
  "added",
  "clear",
  "empty",
  "found",
  "invalid",
  "items",
  "of",
  "plural",
  "remove",
  "removed",
  "singular",
  "toggle",
] as const;

/**
 * The screen-reader texts of a Designsystemet Suggestion/Search, in the page's language.
 * Without them the element reads its defaults from CSS, which are Norwegian only (and
 * arrive CSS-escaped: "\\e5" for "å").
 */
export function useSuggestionTexts(): Record<`data-sr-${(typeof SR_KEYS)[number]}`, string> {
  const { t } = useTranslation();
  return Object.fromEntries(SR_KEYS.map((key) => [`data-sr-${key}`, String(t(`suggestion.${key}`))])) as Record<
    `data-sr-${(typeof SR_KEYS)[number]}`,
    string
  >;
}

export function OrganisationPicker(props: OrganisationPickerProps) {
  const hydrated = useHydrated();
  return hydrated ? <SuggestionPicker {...props} /> : <CheckboxPicker {...props} />;
}

/** The server HTML and the page without JavaScript: every organisation as a checkbox. */
function CheckboxPicker({ name, legend, hint, error, options, checked, optional, className }: OrganisationPickerProps) {
  return (
    <CheckboxGroup
      className={`case-form__group org-picker ${className ?? ""}`.trim()}
      listClassName="checkbox-list checkbox-list--scroll"
      {...{ name, legend, hint, error, options, checked, optional }}
    />
  );
}

/** With JavaScript: a searchable multi-select (Designsystemet Suggestion). */
function SuggestionPicker({
  name,
  legend,
  hint,
  error,
  options,
  checked,
  optional,
  pickerHint: howTo,
  emptyText,
  className,
}: OrganisationPickerProps) {
  const { t } = useTranslation("cases");
  const id = fieldId(name);
  const byId = useMemo(() => new Map(options.map((o) => [o.id, o.name])), [options]);
  const [selected, setSelected] = useState<SuggestionItem[]>(() =>
    checked.filter((value) => byId.has(value)).map((value) => ({ value, label: byId.get(value)! })),
  );
  // An organisation that stopped being an option (it became the owner) is no longer chosen.
  const shown = selected.filter((item) => byId.has(item.value));
  const srTexts = useSuggestionTexts();
  const pickerHint = [hint, howTo ?? t("fields.coOwnersPickerHint")].filter(Boolean).join(" ");
  return (
    <div className={`field case-form__group org-picker ${className ?? ""}`.trim()}>
      <Label htmlFor={id} className="org-picker__label">
        {legend}
        {optional ? <OptionalMark /> : null}
      </Label>
      <FieldMessages id={id} hint={pickerHint} error={error} />
      <Suggestion
        multiple
        selected={shown}
        onSelectedChange={(items) => setSelected(items)}
        filter={({ label, input }) => label.toLocaleLowerCase("nb").includes(input.value.trim().toLocaleLowerCase("nb"))}
        renderSelected={({ label }) => label}
        {...srTexts}
      >
        <SuggestionInput
          id={id}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(`${id}-hint`, error && `${id}-error`)}
        />
        <SuggestionList>
          <SuggestionEmpty>{emptyText ?? t("fields.coOwnersNone")}</SuggestionEmpty>
          {options.map((o) => (
            <SuggestionOption key={o.id} value={o.id} label={o.name}>
              {o.name}
            </SuggestionOption>
          ))}
        </SuggestionList>
      </Suggestion>
      {/* What the form posts: the same name=id pairs as the checkboxes. */}
      {shown.map((item) => (
        <input key={item.value} type="hidden" name={name} value={item.value} />
      ))}
    </div>
  );
}
