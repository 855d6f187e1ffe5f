// npm run db:fingerprint — prints a description of the app schema at DATABASE_URL (or the
// embedded default), so two databases can be compared with diff.
import { DEFAULT_DATABASE_URL } from "../../lib/env/defaults";
import { schemaFingerprint } from "../db/schema-fingerprint";

console.log(await schemaFingerprint(process.env.DATABASE_URL || DEFAULT_DATABASE_URL));
