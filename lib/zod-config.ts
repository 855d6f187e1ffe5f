import { z } from "zod";

// Zod compiles object parsers with `new Function` when it may; its probe for that is reported as a
// violation by the app's Content-Security-Policy (no 'unsafe-eval'). Import this module first.
z.config({ jitless: true });
