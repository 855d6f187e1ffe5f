export { triggersRouter } from "./router";
