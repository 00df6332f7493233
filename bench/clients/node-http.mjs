// Baseline: node:http by hand with a keep-alive agent. Serialises the body, sends it with the token header,
// reads the answer and parses it, the least work any client must do: the practical limit.
import { Agent, request } from 'node:http';

export const label = 'raw node:http (keep-alive agent)';

export function create({ endpoint, projectId, token, body }) {
  const { hostname, port } = new URL(endpoint);
  const agent = new Agent({ keepAlive: true });
  const path = `/v3/${encodeURIComponent(projectId)}/checkpoints`;
  return () =>
    new Promise((resolve, reject) => {
      const payload = JSON.stringify(body);
      const req = request(
        {
          hostname,
          port,
          method: 'POST',
          path,
          agent,
          headers: {
            'Content-Type': 'application/json',
            'Content-Length': Buffer.byteLength(payload),
            Accept: 'application/json',
            'X-Auth-Token': token,
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk) => {
            text += chunk;
          });
          res.on('end', () => {
            if (res.statusCode !== 200) reject(new Error(`HTTP ${res.statusCode}`));
            else resolve(JSON.parse(text).checkpoint);
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
}
