import { createContext } from "@/server/trpc/context";
import { handleTrpcRequest } from "@/server/trpc/http-handler";

function handler(req: Request) {
  return handleTrpcRequest(req, () => createContext({ headers: req.headers }));
}

export { handler as GET, handler as POST };
