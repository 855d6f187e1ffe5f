import { handleTrpcRequest } from "@/server/api/http-handler";
import { refuseCrossOrigin } from "@/server/platform/http/same-origin";
import { createContext } from "@/server/platform/trpc/context";

function handler(req: Request) {
  // Mutations are POSTs; a GET (query) changes nothing and is read by the page's own fetch only.
  const refused = req.method === "POST" ? refuseCrossOrigin(req) : null;
  if (refused) return refused;
  return handleTrpcRequest(req, () => createContext({ headers: req.headers }));
}

export { handler as GET, handler as POST };
