import { APP_ERROR_STATUS, type AppErrorCode, type AppErrorStatus, isAppErrorCode } from "@/lib/errors/codes";

// Symbol.for is shared by every bundle of the process: the instrumentation bundle (which makes the
// run store) and the route bundles each have their own copy of this class, so `instanceof` fails
// between them while the brand holds.
const BRAND = Symbol.for("tryliate.app-error");

/**
 * An expected refusal: a stable `code` that programs decide on, a sentence for people, and the
 * status it answers with (from the code). Recognise it with isAppError, never with instanceof.
 */
export class AppError extends Error {
  readonly [BRAND] = true;
  readonly code: AppErrorCode;
  readonly status: AppErrorStatus;
  /** The canvas nodes the refusal is about (the editor marks them), when it names any. */
  readonly nodeIds: string[];

  constructor(code: AppErrorCode, message: string, options?: { cause?: unknown; nodeIds?: string[] }) {
    super(message, options);
    this.name = "AppError";
    this.code = code;
    this.status = APP_ERROR_STATUS[code];
    this.nodeIds = options?.nodeIds ?? [];
  }
}

export function isAppError(error: unknown): error is AppError {
  return (
    typeof error === "object" &&
    error !== null &&
    (error as { [BRAND]?: unknown })[BRAND] === true &&
    isAppErrorCode((error as { code?: unknown }).code)
  );
}

/** The code of an AppError, or undefined for any other value. */
export function appErrorCode(error: unknown): AppErrorCode | undefined {
  return isAppError(error) ? error.code : undefined;
}
