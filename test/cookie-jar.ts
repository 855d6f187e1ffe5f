import { createServerClient } from "@supabase/ssr";
import type { LocalStack } from "@/local/server";

type Cookie = { name: string; value: string; options: Record<string, unknown> };

/** One browser's cookies across requests, read and written by fresh @supabase/ssr server clients. */
export function ssrCookieJar(stack: LocalStack) {
  const cookies = new Map<string, Cookie>();
  return {
    cookies,
    client() {
      return createServerClient(stack.url, stack.context.config.publishableKey, {
        cookies: {
          getAll: () => [...cookies.values()].map(({ name, value }) => ({ name, value })),
          setAll: (toSet) => {
            for (const cookie of toSet) {
              if (cookie.value === "" || cookie.options?.maxAge === 0) cookies.delete(cookie.name);
              else cookies.set(cookie.name, cookie as Cookie);
            }
          },
        },
      });
    },
  };
}
