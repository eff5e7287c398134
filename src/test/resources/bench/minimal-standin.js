// Stands in for the minimal WAR in BenchSmokeTest, as the node peer stands in for Parley: 200 on every
// HTTP request, and a WebSocket that welcomes in the compat shape and echoes each text frame.
// Usage: node minimal-standin.js PEERDIR (for the peer's installed ws module); the port comes in $PORT.
const http = require('http');
const { WebSocketServer } = require(process.argv[2] + '/node_modules/ws');

const server = http.createServer((req, res) => {
  res.setHeader('Content-Type', 'application/json');
  res.end('[]');
});
new WebSocketServer({ server }).on('connection', (socket) => {
  socket.send(JSON.stringify({ type: 'system', content: 'Welcome to the chat!', sender: 'System', recipient: '' }));
  socket.on('message', (data) => socket.send(data.toString()));
});
server.listen(+process.env.PORT, '127.0.0.1');
