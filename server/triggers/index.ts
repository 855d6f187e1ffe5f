export { triggersRouter } from "./router";
export { handleDelivery } from "./webhooks";
