export { type DeliveryDeps, handleDelivery } from "./delivery";
export { type KeyRotationReport, resealWebhookSecrets } from "./rotate-keys";
export { webhooksRouter } from "./router";
