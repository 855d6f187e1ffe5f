import { type AppErrorCode, isAppErrorCode } from "./codes";

/** What the UI needs of a failed call: the code to decide on (null: no answer from the API) and the sentence. */
export type ShownError = { code: AppErrorCode | null; message: string };

/**
 * The code and sentence of an error of a tRPC call (the server puts the code in `data.appCode`).
 * A network failure, or anything that did not come from the API, has code null.
 */
export function appErrorOf(error: unknown): ShownError {
  const appCode = (error as { data?: { appCode?: unknown } } | null)?.data?.appCode;
  return {
    code: isAppErrorCode(appCode) ? appCode : null,
    message: error instanceof Error ? error.message : String(error),
  };
}
