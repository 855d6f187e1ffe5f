/**
 * Options for the session cookies @supabase/ssr writes: `Secure` in production, so a session never
 * travels over plain HTTP (browsers still accept them from http://localhost and 127.0.0.1).
 */
export const sessionCookieOptions = { secure: process.env.NODE_ENV === "production" };
