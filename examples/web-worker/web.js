// The web server: answers every request with the message the setup task wrote, logs one line
// per request, and on SIGTERM stops taking connections and exits 0.
const http = require('node:http');
const fs = require('node:fs');

const port = Number(process.env.PORT || 8080);
const server = http.createServer((req, res) => {
  let body;
  try {
    body = fs.readFileSync('/tmp/web-worker/message', 'utf8');
  } catch {
    body = 'not set up yet\n';
  }
  res.setHeader('content-type', 'text/plain');
  res.end(body);
  console.log(`${req.method} ${req.url} 200`);
});
server.listen(port, () => console.log(`listening on port ${port}`));
process.on('SIGTERM', () => {
  console.log('got SIGTERM, closing the server');
  server.close(() => process.exit(0));
  server.closeIdleConnections();
});
