import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, type LinksFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { Alert, Button, Paragraph, Select, TableRow, Tag } from "@digdir/designsystemet-react";
import { StackCell, StackTable } from "~/components/StackTable";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/CsrfInput";
import { ErrorSummary, SelectField, TextField } from "~/components/ui/form";
import { createInvitation, listPendingInvitations, revokeInvitation } from "~/models/invitation.server";
import {
  changeMemberRole,
  getOrganisationSummary,
  listOrganisationMembers,
  listUserMemberships,
  removeMember,
} from "~/models/membership.server";
import { NotAllowedError, OrganisationNotFound } from "~/models/errors";
import { canManageOrganisation, isPlatformAdmin, roleIn } from "~/policies/viewer";
import { presentInvitations, presentMembers, presentMyMemberships } from "~/presenters/organisation.server";
import { fieldErrors, formValues } from "~/schemas/errors";
import { MEMBERSHIP_ROLES, OrganisationMembersActionSchema } from "~/schemas/organisation-members";
import { readForm, requireUser, toViewer } from "~/utils/auth.server";
import { formatDate, type AppLocale } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { useRootData } from "~/root";
import tableStyles from "~/styles/tables.css";
import { withDomainErrors } from "~/utils/domain-errors";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: tableStyles }];

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "org:page.title");

const NOTICES = ["invited", "roleChanged", "removed", "revoked", "joined"] as const;
type Notice = (typeof NOTICES)[number];

export async function loader({ request }: LoaderFunctionArgs) {
  return withDomainErrors(async () => {
    const user = await requireUser(request);
    const viewer = toViewer(user)!;
    const url = new URL(request.url);
    const memberships = presentMyMemberships(await listUserMemberships(user.id));

    let organisationId = url.searchParams.get("org");
    if (!organisationId) {
      if (memberships.length === 0) return json({ kind: "empty" as const });
      if (memberships.length > 1) return json({ kind: "choose" as const, memberships });
      organisationId = memberships[0].organisation.id;
    }
    // Members see their own organisation; platform admins (who may manage any) see any.
    if (!roleIn(viewer, organisationId) && !isPlatformAdmin(viewer)) throw new NotAllowedError("see organisation");
    const organisation = await getOrganisationSummary(organisationId);
    if (!organisation) throw new OrganisationNotFound(organisationId);

    const canManage = canManageOrganisation(viewer, organisation.id);
    const [members, invitations] = await Promise.all([
      listOrganisationMembers(organisation.id),
      canManage ? listPendingInvitations(organisation.id) : Promise.resolve([]),
    ]);
    const notice = url.searchParams.get("notice");
    return json({
      kind: "organisation" as const,
      organisation: { id: organisation.id, name: organisation.name },
      myRole: roleIn(viewer, organisation.id),
      viewerId: user.id,
      canManage,
      memberships,
      members: presentMembers(members),
      invitations: presentInvitations(invitations),
      notice: (NOTICES as readonly string[]).includes(notice ?? "") ? (notice as Notice) : null,
    });
  });
}

function back(organisationId: string, notice: Notice) {
  return redirect(`/organisation?org=${encodeURIComponent(organisationId)}&notice=${notice}`);
}

export async function action({ request }: ActionFunctionArgs) {
  return withDomainErrors(async () => {
    const form = await readForm(request);
    const user = await requireUser(request);
    const viewer = toViewer(user)!;
    const values = formValues(form) as Record<string, string>;

    // The policy first: nothing about another organisation is revealed, not even validation.
    const organisationId = values.organisationId ?? "";
    if (!canManageOrganisation(viewer, organisationId)) throw new NotAllowedError("manage organisation");

    const parsed = OrganisationMembersActionSchema.safeParse(values);
    if (!parsed.success) return json({ intent: values.intent ?? null, errors: fieldErrors(parsed.error), values }, 400);
    const input = parsed.data;

    switch (input.intent) {
      case "invite": {
        const result = await createInvitation({
          organisationId,
          email: input.email,
          role: input.role,
          invitedBy: { id: user.id, name: user.name },
        });
        if (result.ok) return back(organisationId, "invited");
        if (result.error === "notFound") throw new OrganisationNotFound(organisationId);
        return json({ intent: input.intent, errors: { email: "org:inviteForm.alreadyMember" }, values }, 400);
      }
      case "changeRole":
      case "remove": {
        const result =
          input.intent === "remove"
            ? await removeMember(organisationId, input.membershipId)
            : await changeMemberRole(organisationId, input.membershipId, input.role);
        if (result.ok) {
          // Someone who removed themselves can no longer see the organisation.
          if (input.intent === "remove" && result.userId === user.id && !isPlatformAdmin(viewer)) {
            return redirect("/organisation");
          }
          return back(organisationId, input.intent === "remove" ? "removed" : "roleChanged");
        }
        const message = result.error === "lastAdmin" ? "org:members.lastAdmin" : "org:members.notFound";
        return json({ intent: input.intent, errors: { _form: message }, values }, result.error === "lastAdmin" ? 400 : 404);
      }
      case "revoke": {
        if (await revokeInvitation(organisationId, input.invitationId)) return back(organisationId, "revoked");
        return json({ intent: input.intent, errors: { _form: "org:invitations.notFound" }, values }, 404);
      }
    }
  });
}

export default function OrganisationPage() {
  const data = useLoaderData<typeof loader>();
  if (data.kind === "empty") return <NoOrganisation />;
  if (data.kind === "choose") return <ChooseOrganisation memberships={data.memberships} />;
  return <ManageOrganisation data={data} />;
}

function NoOrganisation() {
  const { t } = useTranslation("org");
  return (
    <>
      <h1>{t("page.emptyTitle")}</h1>
      <p className="measure">{t("page.emptyText")}</p>
      <p>
        <Link to="/profile">{t("page.emptyProfile")}</Link>
      </p>
    </>
  );
}

type Membership = { role: string; organisation: { id: string; name: string } };

function ChooseOrganisation({ memberships }: { memberships: Membership[] }) {
  const { t } = useTranslation("org");
  return (
    <>
      <h1>{t("page.chooseTitle")}</h1>
      <p>{t("page.chooseIntro")}</p>
      <ul className="org-choice">
        {memberships.map((m) => (
          <li key={m.organisation.id}>
            <Link to={`/organisation?org=${encodeURIComponent(m.organisation.id)}`}>{m.organisation.name}</Link>{" "}
            <Tag data-color="neutral" data-size="sm">
              {t(`roles.${m.role}`)}
            </Tag>
          </li>
        ))}
      </ul>
    </>
  );
}

type OrgData = Extract<ReturnType<typeof useLoaderData<typeof loader>>, { kind: "organisation" }>;

function ManageOrganisation({ data }: { data: OrgData }) {
  const { t } = useTranslation("org");
  const root = useRootData();
  const locale = (root?.locale ?? "nb") as AppLocale;
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const location = useLocation();
  const busy = navigation.state === "submitting";
  const { organisation, members, invitations, canManage } = data;
  const errors = (actionData?.errors ?? {}) as Record<string, string>;
  const inviteErrors = actionData?.intent === "invite" ? errors : undefined;
  const inviteValues = (actionData?.intent === "invite" ? actionData.values : {}) as Record<string, string>;
  const formError = errors._form;
  const roleOptions = MEMBERSHIP_ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }));
  const cols = {
    name: { label: t("members.name") },
    email: { label: t("members.email") },
    role: { label: t("members.role") },
    actions: { label: t("members.actions") },
  };
  const invCols = {
    email: { label: t("invitations.email") },
    role: { label: t("invitations.role") },
    invitedBy: { label: t("invitations.invitedBy") },
    expires: { label: t("invitations.expires") },
  };

  return (
    <>
      <h1>{organisation.name}</h1>
      {data.memberships.length > 1 ? (
        <nav aria-label={t("page.switchLabel")} className="org-switch">
          <ul>
            {data.memberships.map((m) => (
              <li key={m.organisation.id}>
                <Link
                  to={`/organisation?org=${encodeURIComponent(m.organisation.id)}`}
                  aria-current={m.organisation.id === organisation.id ? "page" : undefined}
                >
                  {m.organisation.name}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {data.myRole ? <p>{t("page.yourRole", { role: t(`roles.${data.myRole}`) })}</p> : null}
      {data.notice ? (
        <div role="status">
          <Alert data-color="success">
            <Paragraph>{t(`notices.${data.notice}`)}</Paragraph>
          </Alert>
        </div>
      ) : null}
      {formError ? (
        <Alert data-color="danger" role="alert">
          <Paragraph>{t(formError)}</Paragraph>
        </Alert>
      ) : null}
      {!canManage ? <p className="muted">{t("page.readOnly")}</p> : null}

      <h2 id="members-heading">{t("members.heading")}</h2>
      <p className="muted">{t("members.count", { count: members.length })}</p>
      {/* On a phone each member is a card (CSS .table-stack): name, e-mail, role and the actions
          one under the other, so "Lagre rolle" and "Fjern" are never off-screen. */}
      <StackTable
        columns={canManage ? [cols.name, cols.email, cols.role, cols.actions] : [cols.name, cols.email, cols.role]}
        labelledBy="members-heading"
      >
        {members.map((m) => (
          <TableRow key={m.id}>
            <StackCell column={cols.name}>
              {m.user.name} {m.user.id === data.viewerId ? <span className="muted">{t("members.you")}</span> : null}
              {m.user.jobTitle ? <div className="muted">{m.user.jobTitle}</div> : null}
            </StackCell>
            <StackCell column={cols.email} wrap>
              <a href={`mailto:${m.user.email}`}>{m.user.email}</a>
            </StackCell>
            <StackCell column={cols.role}>{t(`roles.${m.role}`)}</StackCell>
            {canManage ? (
              <StackCell column={cols.actions} full>
                <div className="member-actions">
                  <Form method="post" className="member-actions__role" key={`${m.role}-${location.key}`}>
                    <CsrfInput />
                    <input type="hidden" name="intent" value="changeRole" />
                    <input type="hidden" name="organisationId" value={organisation.id} />
                    <input type="hidden" name="membershipId" value={m.id} />
                    <label className="visually-hidden" htmlFor={`role-${m.id}`}>
                      {t("members.roleFor", { name: m.user.name })}
                    </label>
                    <Select id={`role-${m.id}`} name="role" defaultValue={m.role} data-size="sm">
                      {roleOptions.map((o) => (
                        <option key={o.value} value={o.value}>
                          {o.label}
                        </option>
                      ))}
                    </Select>
                    <Button
                      type="submit"
                      variant="secondary"
                      data-size="sm"
                      aria-label={t("members.saveRoleFor", { name: m.user.name })}
                      disabled={busy}
                    >
                      {t("members.saveRole")}
                    </Button>
                  </Form>
                  <Form
                    method="post"
                    onSubmit={(event) => {
                      if (!window.confirm(t("members.removeConfirm", { name: m.user.name }))) event.preventDefault();
                    }}
                  >
                    <CsrfInput />
                    <input type="hidden" name="intent" value="remove" />
                    <input type="hidden" name="organisationId" value={organisation.id} />
                    <input type="hidden" name="membershipId" value={m.id} />
                    <Button
                      type="submit"
                      variant="secondary"
                      data-color="danger"
                      data-size="sm"
                      aria-label={t("members.removeFor", { name: m.user.name })}
                      disabled={busy}
                    >
                      {t("members.remove")}
                    </Button>
                  </Form>
                </div>
              </StackCell>
            ) : null}
          </TableRow>
        ))}
      </StackTable>

      {canManage ? (
        <>
          <h2 id="invitations-heading">{t("invitations.heading")}</h2>
          {invitations.length === 0 ? (
            <p className="muted">{t("invitations.none")}</p>
          ) : (
            <StackTable
              columns={[invCols.email, invCols.role, invCols.invitedBy, invCols.expires, cols.actions]}
              labelledBy="invitations-heading"
            >
              {invitations.map((inv) => (
                <TableRow key={inv.id}>
                  <StackCell column={invCols.email} wrap>
                    {inv.email}
                  </StackCell>
                  <StackCell column={invCols.role}>{t(`roles.${inv.role}`)}</StackCell>
                  <StackCell column={invCols.invitedBy}>{inv.invitedBy?.name ?? ""}</StackCell>
                  <StackCell column={invCols.expires}>{formatDate(inv.expiresAt, locale)}</StackCell>
                  <StackCell column={cols.actions} full>
                    <Form method="post">
                      <CsrfInput />
                      <input type="hidden" name="intent" value="revoke" />
                      <input type="hidden" name="organisationId" value={organisation.id} />
                      <input type="hidden" name="invitationId" value={inv.id} />
                      <Button
                        type="submit"
                        variant="tertiary"
                        data-size="sm"
                        aria-label={t("invitations.revokeFor", { email: inv.email })}
                        disabled={busy}
                      >
                        {t("invitations.revoke")}
                      </Button>
                    </Form>
                  </StackCell>
                </TableRow>
              ))}
            </StackTable>
          )}

          <section aria-labelledby="invite-heading">
            <h2 id="invite-heading">{t("inviteForm.heading")}</h2>
            <p>{t("inviteForm.intro")}</p>
            <ErrorSummary errors={inviteErrors} labels={{ email: t("inviteForm.email"), role: t("inviteForm.role") }} />
            {/* Keyed by location: after a successful invite (a redirect) the form starts empty. */}
            <Form method="post" className="form" noValidate key={location.key}>
              <CsrfInput />
              <input type="hidden" name="intent" value="invite" />
              <input type="hidden" name="organisationId" value={organisation.id} />
              <TextField
                name="email"
                type="email"
                label={t("inviteForm.email")}
                autoComplete="off"
                spellCheck={false}
                required
                defaultValue={inviteValues.email ?? ""}
                error={inviteErrors?.email}
              />
              <SelectField
                name="role"
                label={t("inviteForm.role")}
                options={roleOptions}
                hint={MEMBERSHIP_ROLES.map((r) => `${t(`roles.${r}`)}: ${t(`roleHints.${r}`)}`).join(" ")}
                defaultValue={(inviteValues.role ?? "MEMBER").toUpperCase()}
                error={inviteErrors?.role}
              />
              <div className="form-actions">
                <Button type="submit" disabled={busy}>
                  {t("inviteForm.submit")}
                </Button>
              </div>
            </Form>
          </section>
        </>
      ) : null}
    </>
  );
}
