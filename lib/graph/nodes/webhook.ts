import { z } from "zod";
import { labelField } from "./fields";
import { defineNode } from "./spec";

export const WEBHOOK_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type WebhookMethod = (typeof WEBHOOK_METHODS)[number];

/** Bounds of how long a caller waits for the run ("when the run finishes") before getting 202. */
export const WEBHOOK_WAIT_SECONDS = { min: 1, max: 30, default: 10 } as const;

/**
 * Starts a run when its URL is called. The URL's id and the secret live on the server (made when
 * the node's URL is first shown); the node keeps how callers authenticate, which methods it
 * accepts and how it answers.
 */
export const webhookNode = defineNode({
  type: "webhook",
  label: "Webhook trigger",
  description: "Starts a run when its URL is called; the request is the run's input.",
  data: z.strictObject({
    label: labelField,
    /** `hmac`: Tryliate-Signature over the raw body with a timestamp; `header`: the secret itself in X-Tryliate-Secret. */
    auth: z.enum(["hmac", "header"]),
    methods: z.array(z.enum(WEBHOOK_METHODS)).min(1).max(WEBHOOK_METHODS.length),
    /** `immediately`: 202 with the run id; `finished`: the chosen node's output, once the run ends. */
    respond: z.enum(["immediately", "finished"]),
    /** The node whose output is the response body ("" = the last step that ran). */
    responseNode: z.string().max(200),
    responseStatus: z.number().int().min(200).max(299),
    waitSeconds: z.number().int().min(WEBHOOK_WAIT_SECONDS.min).max(WEBHOOK_WAIT_SECONDS.max),
  }),
  defaults: {
    label: "Webhook",
    auth: "hmac",
    methods: ["POST"],
    respond: "immediately",
    responseNode: "",
    responseStatus: 200,
    waitSeconds: WEBHOOK_WAIT_SECONDS.default,
  },
  inputs: [],
  outputs: [{ id: "out", label: "request", kind: "json" }],
  size: { kind: "fixed", width: 210, height: 72 },
  runs: true,
  trigger: "webhook",
});
