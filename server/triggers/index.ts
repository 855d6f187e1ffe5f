export { triggersRouter } from "./router";
export { createScheduleDispatchFunction } from "./schedules/inngest-function";
export { handleDelivery, resealWebhookSecrets } from "./webhooks";
