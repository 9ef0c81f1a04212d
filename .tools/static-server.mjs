// A plain static file server on loopback, for the benchmark of a live
// endpoint (scripts/bench-prerender): each file as it is, 404 otherwise.
// Asynchronous reads, so the server is not what the benchmark measures.
//   node .tools/static-server.mjs DIR PORT
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { join, normalize } from "node:path";

const [root, port] = process.argv.slice(2);
createServer(async (req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, "http://localhost").pathname)).replace(/^(\.\.[/\\])+/, "");
  try {
    const body = await readFile(join(root, path));
    res.writeHead(200, { "content-type": "application/json; charset=utf-8" }).end(body);
  } catch {
    res.writeHead(404, { "content-type": "text/plain" }).end("not found");
  }
}).listen(Number(port), "127.0.0.1", () => console.log(`static-server: ${root} on ${port}`));
