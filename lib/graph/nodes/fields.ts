import { text } from "../../text/storable";
import { GRAPH_LIMITS } from "../limits";

/** Field schemas several node types share. */
export const labelField = text().max(200);
/** A JSON document kept as the text a user typed, so a half-typed value is never lost. */
export const jsonTextField = text().max(GRAPH_LIMITS.maxNodeDataBytes);
