import { inTransaction } from "./db";
import { AuthApiError, noAuthorization, validationFailed } from "./errors";
import { bearerToken, readJsonBody, sendJson } from "./http";
import { assertPasswordAcceptable, hashPassword } from "./passwords";
import type { AuthRequest } from "./request";
import { changeEmail, optionalObject } from "./user-routes";
import { findUserByEmail, findUserById, insertEmailUser, normalizeEmail, type User, userJson } from "./users";

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * GoTrue's requireAdmin behind the hosted gateway: only the secret key (which the gateway turns
 * into a service_role JWT) may call /admin; the publishable key or a user's token may not.
 */
export function requireSecretKey(request: AuthRequest) {
  const token = bearerToken(request.req);
  if (!token) throw noAuthorization();
  if (token !== request.ctx.config.secretKey) throw new AuthApiError(403, "not_admin", "User not allowed");
}

export async function loadUserParam(request: AuthRequest, id: string): Promise<User> {
  if (!UUID_PATTERN.test(id)) throw new AuthApiError(404, "validation_failed", "user_id must be an UUID");
  const user = await findUserById(request.ctx.pool, id);
  if (!user) throw new AuthApiError(404, "user_not_found", "User not found");
  return user;
}

/** GoTrue's paginate: page and per_page must be whole numbers when given. */
function pageParam(request: AuthRequest, name: string, fallback: number): number {
  const raw = request.query.get(name);
  if (raw === null || raw === "") return fallback;
  if (!/^\d+$/.test(raw)) {
    throw validationFailed(`Bad Pagination Parameters: strconv.ParseUint: parsing "${raw}": invalid syntax`);
  }
  return Number(raw);
}

/** GET /admin/users?page&per_page → {users, aud} with x-total-count and link headers. */
async function listUsers(request: AuthRequest) {
  const page = Math.max(1, pageParam(request, "page", 1));
  const perPage = Math.min(1000, Math.max(1, pageParam(request, "per_page", 50)));
  const { pool } = request.ctx;
  const total = Number(
    (await pool.query<{ count: string }>("select count(*) from auth.users where deleted_at is null")).rows[0]
      ?.count ?? 0,
  );
  const { rows } = await pool.query<{ id: string }>(
    "select id from auth.users where deleted_at is null order by created_at desc, id limit $1 offset $2",
    [perPage, (page - 1) * perPage],
  );
  const users: User[] = [];
  for (const { id } of rows) {
    const user = await findUserById(pool, id);
    if (user) users.push(user);
  }
  const lastPage = Math.max(1, Math.ceil(total / perPage));
  const links: string[] = [];
  if (page < lastPage) links.push(`</admin/users?page=${page + 1}&per_page=${perPage}>; rel="next"`);
  links.push(`</admin/users?page=${lastPage}&per_page=${perPage}>; rel="last"`);
  sendJson(
    request.res,
    200,
    { users: users.map(userJson), aud: "authenticated" },
    { "x-total-count": String(total), link: links.join(", ") },
  );
}

/** POST /admin/users: {email, password?, email_confirm?, user_metadata?, app_metadata?}. */
async function createUser(request: AuthRequest) {
  const body = await readJsonBody(request.req);
  if (!body.email && !body.phone)
    throw validationFailed("Cannot create a user without either an email or phone");
  if (body.phone) throw new AuthApiError(400, "phone_provider_disabled", "Phone signups are disabled");
  const email = normalizeEmail(body.email);
  const password = typeof body.password === "string" && body.password !== "" ? body.password : null;
  if (password) assertPasswordAcceptable(password);
  const userMetadata = optionalObject(body.user_metadata, "user_metadata") ?? {};
  const appMetadata = optionalObject(body.app_metadata, "app_metadata") ?? {};
  const passwordHash = password ? await hashPassword(password) : null;
  const user = await inTransaction(request.ctx.pool, async (db) => {
    await db.query("select pg_advisory_xact_lock(hashtext('auth.signup:' || $1::text))", [email]);
    if (await findUserByEmail(db, email)) {
      throw new AuthApiError(
        422,
        "email_exists",
        "A user with this email address has already been registered",
      );
    }
    return insertEmailUser(db, {
      email,
      passwordHash,
      userMetadata,
      appMetadata,
      confirmed: body.email_confirm === true,
    });
  });
  sendJson(request.res, 200, userJson(user));
}

/** PUT /admin/users/:id: email, password, email_confirm, user_metadata / app_metadata (merged). */
async function updateUser(request: AuthRequest, id: string) {
  const existing = await loadUserParam(request, id);
  const body = await readJsonBody(request.req);
  const userMetadata = optionalObject(body.user_metadata, "user_metadata");
  const appMetadata = optionalObject(body.app_metadata, "app_metadata");
  const password = typeof body.password === "string" && body.password !== "" ? body.password : null;
  if (password) assertPasswordAcceptable(password);
  const passwordHash = password ? await hashPassword(password) : null;
  const updated = await inTransaction(request.ctx.pool, async (db) => {
    if (typeof body.email === "string" && body.email !== "") await changeEmail(db, existing, body.email);
    if (passwordHash) {
      await db.query("update auth.users set encrypted_password = $2, updated_at = now() where id = $1", [
        id,
        passwordHash,
      ]);
    }
    if (body.email_confirm === true) {
      await db.query(
        `update auth.users set email_confirmed_at = coalesce(email_confirmed_at, now()),
           raw_user_meta_data = raw_user_meta_data || '{"email_verified": true}', updated_at = now() where id = $1`,
        [id],
      );
    }
    for (const [column, patch] of [
      ["raw_user_meta_data", userMetadata],
      ["raw_app_meta_data", appMetadata],
    ] as const) {
      if (!patch) continue;
      const removed = Object.keys(patch).filter((key) => patch[key] === null);
      await db.query(
        `update auth.users set ${column} = (${column} || $2::jsonb) - $3::text[], updated_at = now() where id = $1`,
        [id, JSON.stringify(patch), removed],
      );
    }
    return (await findUserById(db, id)) ?? existing;
  });
  sendJson(request.res, 200, userJson(updated));
}

/** DELETE /admin/users/:id (hard delete; the profile and every session go with it) → `{}`. */
async function deleteUser(request: AuthRequest, id: string) {
  await loadUserParam(request, id);
  const body = await readJsonBody(request.req);
  if (body.should_soft_delete === true) {
    await inTransaction(request.ctx.pool, async (db) => {
      await db.query("delete from auth.sessions where user_id = $1", [id]);
      await db.query("delete from auth.identities where user_id = $1", [id]);
      await db.query("update auth.users set deleted_at = now(), encrypted_password = null where id = $1", [
        id,
      ]);
    });
  } else {
    await request.ctx.pool.query("delete from auth.users where id = $1", [id]);
  }
  sendJson(request.res, 200, {});
}

/** The /admin/users subset of GoTrue's admin API (secret key only). */
export async function handleAdmin(request: AuthRequest): Promise<boolean> {
  const match = /^\/admin\/users(?:\/([^/]+))?$/.exec(request.path);
  if (!match) return false;
  const method = request.req.method;
  const id = match[1];
  const route = id ? userRoute(request, method, id) : collectionRoute(request, method);
  if (!route) return false;
  requireSecretKey(request);
  await route();
  return true;
}

type Handler = () => Promise<void>;

function userRoute(request: AuthRequest, method: string | undefined, id: string): Handler | undefined {
  if (method === "GET")
    return () => loadUserParam(request, id).then((user) => sendJson(request.res, 200, userJson(user)));
  if (method === "PUT") return () => updateUser(request, id);
  if (method === "DELETE") return () => deleteUser(request, id);
  return undefined;
}

function collectionRoute(request: AuthRequest, method: string | undefined): Handler | undefined {
  if (method === "GET") return () => listUsers(request);
  if (method === "POST") return () => createUser(request);
  return undefined;
}
