export { type DeliveryDeps, handleDelivery } from "./delivery";
export { webhooksRouter } from "./router";
