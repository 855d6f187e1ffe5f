import { handleDelivery } from "@/server/triggers";

export const dynamic = "force-dynamic";

// A webhook delivery: no session, no same-origin check (the webhook's secret is the proof).
type Context = { params: Promise<{ id: string }> };

async function deliver(request: Request, { params }: Context): Promise<Response> {
  return handleDelivery(request, (await params).id);
}

export const GET = deliver;
export const POST = deliver;
export const PUT = deliver;
export const PATCH = deliver;
export const DELETE = deliver;
