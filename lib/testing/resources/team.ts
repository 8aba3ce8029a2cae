/**
 * spectrocloud_team as resource_team.go and resource_team_import.go do it at v0.29.9, against the tenant (every
 * call uses getV1ClientWithResourceContext(m, "tenant"); palette-sdk-go client/team.go: "CRUDL operations on
 * teams are all tenant scoped"). Create POSTs the team (name, users) and then PUTs the project, tenant and
 * workspace role associations; Update PUTs the team and re-sends **every** association (toTeamProjectRoleMapping
 * sends all project mappings, so anything added elsewhere is dropped); Delete deletes the team; Read sets
 * `project_role_mapping` and `workspace_role_mapping` only when Palette returns some (otherwise state keeps what
 * it had) and always sets `users` and `tenant_role_mapping`. Import is by team UID.
 *
 * Inferred, stricter than any source states: creating a team whose name exists in the tenant fails (Palette
 * team names identify teams in the UI and in the groups claim; client/team.go GetTeamWithName expects one), and
 * unknown user, project or role UIDs are refused.
 */
import { Obj, isObj } from "../cty";
import { PaletteError, TeamRecord, allTeams, fakeUid, projectByUid, readState, roleByUid, updateState, userByUid } from "../palette";
import { HandlerContext, ResourceHandler, str } from "./common";

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
const objects = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);

/** toTeam: the users must exist (inferred). */
function checkUsers(users: string[]): void {
  for (const u of users) if (!userByUid(u)) throw new PaletteError(`user '${u}' not found`);
}

/** toTeamProjectRoleMapping: every mapping, as given. */
function projectRoles(planned: Obj): TeamRecord["projectRoles"] {
  return objects(planned.project_role_mapping).map((m) => {
    const project = str(m.id);
    if (!projectByUid(project)) throw new PaletteError(`project '${project}' not found`);
    const roles = strings(m.roles);
    for (const r of roles) if (!roleByUid(r)) throw new PaletteError(`role '${r}' not found`);
    return { project, roles };
  });
}

/** toTeamWorkspaceRoleMapping: workspaces only in the old config are sent with no roles; the new ones as given. */
function workspaceRoles(prior: Obj | null, planned: Obj): TeamRecord["workspaceRoles"] {
  const byProject = new Map<string, Map<string, string[]>>();
  const put = (m: Obj, keep: boolean) => {
    const project = str(m.id);
    const ws = byProject.get(project) ?? new Map<string, string[]>();
    for (const w of objects(m.workspace)) ws.set(str(w.id), keep ? strings(w.roles) : []);
    byProject.set(project, ws);
  };
  if (prior) for (const m of objects(prior.workspace_role_mapping)) put(m, false);
  for (const m of objects(planned.workspace_role_mapping)) put(m, true);
  return [...byProject.entries()].map(([project, ws]) => ({ project, workspaces: [...ws.entries()].map(([uid, roles]) => ({ uid, roles })) }));
}

function teamByUid(uid: string): TeamRecord | undefined {
  return allTeams().find((t) => t.uid === uid);
}

function mutable(uid: string): TeamRecord {
  const t = teamByUid(uid);
  if (!t) throw new PaletteError(`team '${uid}' not found`);
  if (t.inventory) throw new PaletteError(`offline provider: team '${t.name}' (${uid}) is from the inventory (made elsewhere) and is read-only offline`);
  return t;
}

function create(_ctx: HandlerContext, planned: Obj): Obj {
  const name = str(planned.name);
  if (allTeams().some((t) => t.name === name)) throw new PaletteError(`team '${name}' already exists`, "a team of this name exists in the tenant");
  const users = strings(planned.users);
  checkUsers(users);
  const roles = projectRoles(planned);
  const uid = fakeUid("team", name, String(readState().teams.length));
  updateState((s) => {
    s.teams.push({ uid, name, users, projectRoles: roles, tenantRoles: strings(planned.tenant_role_mapping), workspaceRoles: workspaceRoles(null, planned) });
  });
  return { ...planned, id: uid };
}

function read(_ctx: HandlerContext, state: Obj): Obj | null {
  const t = teamByUid(str(state.id));
  // GetTeam's 404 goes through handleReadError, which clears the id: Terraform plans a create.
  if (!t) return null;
  const next: Obj = { ...state, name: t.name, users: [...t.users], tenant_role_mapping: [...t.tenantRoles] };
  const projects = t.projectRoles.filter((p) => p.roles.length > 0);
  if (projects.length > 0) next.project_role_mapping = projects.map((p) => ({ id: p.project, roles: [...p.roles] }));
  const workspaces = t.workspaceRoles
    .map((p) => ({ id: p.project, workspace: p.workspaces.filter((w) => w.roles.length > 0).map((w) => ({ id: w.uid, roles: [...w.roles] })) }))
    .filter((p) => p.workspace.length > 0);
  if (workspaces.length > 0) next.workspace_role_mapping = workspaces;
  return next;
}

function update(_ctx: HandlerContext, prior: Obj, planned: Obj): Obj {
  const uid = str(prior.id);
  mutable(uid);
  const users = strings(planned.users);
  checkUsers(users);
  const roles = projectRoles(planned);
  updateState((s) => {
    const t = s.teams.find((x) => x.uid === uid) as TeamRecord;
    t.users = users;
    t.projectRoles = roles;
    t.tenantRoles = strings(planned.tenant_role_mapping);
    t.workspaceRoles = workspaceRoles(prior, planned);
  });
  return { ...planned, id: uid };
}

function remove(_ctx: HandlerContext, prior: Obj): void {
  const uid = str(prior.id);
  mutable(uid);
  updateState((s) => {
    s.teams = s.teams.filter((t) => t.uid !== uid);
  });
}

function importState(ctx: HandlerContext, id: string): Obj {
  const t = teamByUid(id);
  if (!t) throw new PaletteError(`could not retrieve team for import: team '${id}' not found`);
  return read(ctx, { id, name: t.name }) as Obj;
}

export const team: ResourceHandler = { create, read, update, delete: remove, importState };
