// Huawei's official Node core (@huaweicloud/huaweicloud-sdk-core), driven the way its generated CBR client
// (@huaweicloud/huaweicloud-sdk-cbr, CbrClient.createCheckpoint) drives it: a ClientBuilder with AK/SK
// BasicCredentials, then hcClient.sendRequest() with the options its ParamCreater builds. The project id is
// given, and no region, so it never calls IAM; the endpoint is the loopback server. It writes
// ~/.huaweicloud/application_id: the worker runs with HOME set to a temporary directory.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { BasicCredentials } = require('@huaweicloud/huaweicloud-sdk-core');
const { ClientBuilder } = require('@huaweicloud/huaweicloud-sdk-core/ClientBuilder');

export const label = 'Huawei core HcClient (AK/SK)';

export function create({ endpoint, projectId, accessKey, secretKey, body }) {
  const credentials = new BasicCredentials().withAk(accessKey).withSk(secretKey).withProjectId(projectId);
  // newClient in the generated CbrClient is `(hcClient) => new CbrClient(hcClient)`; we keep the HcClient.
  const hcClient = new ClientBuilder((client) => client).withEndpoint(endpoint).withCredential(credentials).build();
  return async () => {
    // What ParamCreater().createCheckpoint(request) returns, with the request body as the SDK serialises it.
    const options = {
      method: 'POST',
      url: '/v3/{project_id}/checkpoints',
      contentType: 'application/json;charset=UTF-8',
      queryParams: {},
      pathParams: {},
      headers: { 'Content-Type': 'application/json;charset=UTF-8' },
      data: body,
      responseHeaders: [''],
    };
    const response = await hcClient.sendRequest(options);
    if (response.httpStatusCode !== 200) throw new Error(`HTTP ${response.httpStatusCode}`);
    return response.checkpoint;
  };
}
