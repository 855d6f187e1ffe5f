import { type AppErrorCode, isAppErrorCode } from "./codes";

/** What the UI needs of a failed call: the code to decide on (null: no answer from the API) and the sentence. */
export type ShownError = { code: AppErrorCode | null; message: string; nodeIds: string[] };

/**
 * The code and sentence of an error of a tRPC call (the server puts the code in `data.appCode`).
 * A network failure, or anything that did not come from the API, has code null.
 */
export function appErrorOf(error: unknown): ShownError {
  const data = (error as { data?: { appCode?: unknown; nodeIds?: unknown } } | null)?.data;
  const nodeIds = Array.isArray(data?.nodeIds) ? data.nodeIds.filter((id) => typeof id === "string") : [];
  return {
    code: isAppErrorCode(data?.appCode) ? data.appCode : null,
    message: error instanceof Error ? error.message : String(error),
    nodeIds,
  };
}
