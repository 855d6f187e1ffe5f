export { assistantRouter } from "./router";
