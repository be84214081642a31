/**
 * Reference (b): a bare `node:http` server that reads the body, parses it as JSON and answers a
 * constant: the ceiling of any Node HTTP function on this machine. PORT from the environment.
 */
import { createServer } from 'node:http';

const ANSWER = JSON.stringify({ probability_bad: 0.5, label: 'bad', decision: 'decline' });

createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    let status = 200;
    try {
      if (chunks.length > 0) JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      status = 400;
    }
    res.writeHead(status, { 'content-type': 'application/json' }).end(ANSWER);
  });
}).listen(Number(process.env.PORT ?? 8080));
