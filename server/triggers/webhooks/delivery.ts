import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import type { AppErrorCode } from "@/lib/errors/codes";
import { webhookNode } from "@/lib/graph/nodes/webhook";
import { getKeyring, type Keyring } from "@/server/platform/crypto/keyring";
import type { PrismaClient } from "@/server/platform/db/generated/client";
import { withPrivilegedDb } from "@/server/platform/db/privileged";
import type { RlsDb } from "@/server/platform/db/with-rls";
import { AppError, isAppError } from "@/server/platform/errors/app-error";
import { type RunsDeps, type StartedRun, startTriggeredRun } from "@/server/runs";
import { parseDeliveryBody } from "@/server/triggers/webhook-body";
import { verifyDelivery } from "@/server/triggers/webhook-signature";
import { countDelivery, webhookRateLimits } from "./rate-limit";
import { deliveryInput, idempotencyKeyOf, readBodyWithin } from "./request";
import { openSecret, WEBHOOK_ID_PATTERN } from "./secrets";
import { type DeliveryTarget, findDeliveryTarget, webhooksDb } from "./store";
import { outputOf, waitForRun } from "./wait";

export type DeliveryDeps = {
  keyring: () => Keyring;
  prisma?: PrismaClient;
  /** The runs service's store and engine (tests hand in their own). */
  runs?: RunsDeps;
  limits?: { perWebhook: number; perOwner: number };
};

const NOT_FOUND = "There is no active webhook at this URL.";

/**
 * One call of a webhook URL, start to answer. It carries no session and no same-origin check
 * applies: the webhook's secret is the caller's proof. Every refusal is a 4xx with a stable code
 * and starts nothing; an unknown webhook and an inactive one answer alike (404), so the URL tells
 * nobody whether it exists.
 */
export async function handleDelivery(
  request: Request,
  webhookId: string,
  deps: DeliveryDeps = { keyring: getKeyring },
): Promise<Response> {
  try {
    return await deliver(request, webhookId, deps);
  } catch (error) {
    if (isAppError(error)) return refusal(error.code, error.message, retryHeaders(error.code));
    console.error(`[webhooks] delivery failed: ${(error as Error).stack ?? error}`);
    return Response.json(
      { error: { code: "internal", message: "The webhook could not be handled; try again." } },
      { status: 500 },
    );
  }
}

async function deliver(request: Request, webhookId: string, deps: DeliveryDeps): Promise<Response> {
  if (!WEBHOOK_ID_PATTERN.test(webhookId)) return refusal("webhooks.not_found", NOT_FOUND);
  const target = await findDeliveryTarget(webhookId, deps.prisma);
  const node = target ? webhookNode.data.safeParse(target.node) : null;
  if (!target || !node?.success) return refusal("webhooks.not_found", NOT_FOUND);
  const listening = target.listenUntil !== null && target.listenUntil.getTime() > Date.now();
  if (!target.active && !listening) return refusal("webhooks.not_found", NOT_FOUND);

  const rate = await countDelivery(
    { webhookId, userId: target.userId },
    deps.limits ?? webhookRateLimits(),
    deps.prisma,
  );
  if (!rate.ok)
    return refusal(
      "webhooks.rate_limited",
      `Too many deliveries to this ${rate.scope === "webhook" ? "webhook" : "account's webhooks"} this minute; try again in ${rate.retryAfterSeconds} s.`,
      { "Retry-After": String(rate.retryAfterSeconds) },
    );

  const raw = await readBodyWithin(request);
  if (!raw) return refusal("webhooks.body_too_large", "The body is larger than the 1 MiB a webhook accepts.");
  const secret = openSecret(deps.keyring(), { id: target.id, userId: target.userId }, target.secret);
  const verdict = verifyDelivery(
    node.data.auth === "hmac" ? { mode: "hmac", secret } : { mode: "header", secret },
    request.headers,
    raw,
  );
  if (!verdict.ok) return refusal("webhooks.unauthorized", verdict.reason);
  if (!(node.data.methods as string[]).includes(request.method))
    return refusal("webhooks.method_not_allowed", `This webhook accepts ${node.data.methods.join(", ")}.`, {
      Allow: node.data.methods.join(", "),
    });
  const parsed = parseDeliveryBody(raw, request.headers.get("content-type"));
  if (!parsed.ok)
    return refusal(
      parsed.status === 413 ? "webhooks.body_too_large" : "webhooks.invalid_body",
      parsed.message,
    );
  const input = deliveryInput(request, parsed.body);

  if (listening && (await keepTestEvent(target, input, deps.prisma)))
    return Response.json({ test: true, message: "Test event received; it started no run." }, { status: 200 });
  if (!target.active) return refusal("webhooks.not_found", NOT_FOUND);

  const key = idempotencyKeyOf(request);
  if (key === "invalid")
    return refusal(
      "webhooks.invalid_idempotency_key",
      "The Idempotency-Key header must be 1 to 255 visible ASCII characters.",
    );
  const started = await startTriggeredRun(
    ownerDb(deps.prisma),
    target.userId,
    {
      workflowId: target.workflowId,
      triggerNodeId: target.nodeId,
      input,
      trigger: { kind: "webhook", key: key ?? null },
    },
    deps.runs,
  );
  if (node.data.respond === "immediately") return accepted(started);
  return answerWhenFinished(started, node.data, deps.prisma);
}

async function answerWhenFinished(
  started: StartedRun,
  options: { responseNode: string; responseStatus: number; waitSeconds: number },
  prisma?: PrismaClient,
): Promise<Response> {
  const finished = await waitForRun(started, options.waitSeconds * 1000, prisma);
  if (!finished) return accepted(started);
  const headers = { "Tryliate-Run-Id": finished.id };
  if (finished.status !== "succeeded")
    return Response.json(
      { runId: finished.id, status: finished.status, error: finished.error },
      { status: 502, headers },
    );
  const output = await outputOf(finished.id, options.responseNode, prisma);
  if (typeof output === "string")
    return new Response(output, {
      status: options.responseStatus,
      headers: { ...headers, "Content-Type": "text/plain; charset=utf-8" },
    });
  return Response.json(output ?? null, { status: options.responseStatus, headers });
}

/** The run goes on; the caller gets its id (null on Inngest, which names it a moment later: see requestId). */
function accepted(started: StartedRun): Response {
  return Response.json(
    { runId: started.id, requestId: started.requestId, repeated: started.repeated },
    { status: 202, headers: started.id ? { "Tryliate-Run-Id": started.id } : {} },
  );
}

/** Keeps the delivery as the node's test event, once: false when another delivery took the slot first. */
async function keepTestEvent(
  target: DeliveryTarget,
  input: unknown,
  prisma?: PrismaClient,
): Promise<boolean> {
  const { count } = await webhooksDb(
    (tx) =>
      tx.webhook.updateMany({
        where: { id: target.id, listenUntil: { gt: new Date() } },
        data: { testEvent: input as object, testEventAt: new Date(), listenUntil: null },
      }),
    prisma,
  );
  return count === 1;
}

/**
 * The owner's data for the run's start, through the privileged door (a delivery has no session):
 * the runs service scopes every query to the owner's id it is given.
 */
function ownerDb(prisma?: PrismaClient): RlsDb {
  return (fn) => withPrivilegedDb("webhooks", (tx) => fn(tx), prisma ? { prisma } : {});
}

function retryHeaders(code: AppErrorCode): Record<string, string> {
  return code === "runs.too_many_running" ? { "Retry-After": "1" } : {};
}

function refusal(code: AppErrorCode, message: string, headers: Record<string, string> = {}): Response {
  const status = getHTTPStatusCodeFromError(new TRPCError({ code: new AppError(code, message).status }));
  return Response.json({ error: { code, message } }, { status, headers });
}
