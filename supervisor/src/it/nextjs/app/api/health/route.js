// Rendered per request, so a wedged server cannot answer it from a cache.
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "ok", pid: process.pid });
}
