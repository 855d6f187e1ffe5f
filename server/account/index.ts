export { usersRouter } from "./router";
