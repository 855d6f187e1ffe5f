import { NextResponse } from "next/server";

/**
 * A 303 to a path of this app. The Location stays relative, so the browser keeps the origin it
 * used (request.url may name another host, e.g. localhost for 127.0.0.1); cookies set through
 * next/headers during the request go out with it.
 */
export function seeOther(path: string): NextResponse {
  if (!path.startsWith("/") || path.startsWith("//")) throw new Error("seeOther takes a path of this app");
  return new NextResponse(null, { status: 303, headers: { Location: path } });
}
