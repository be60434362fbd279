// A real OpenID provider on loopback for the single sign-on tests (not a mock): the
// `oidc-provider` package with its development login form, where any login name is
// accepted and becomes the account. The staff id is the `employee_id` claim.
//
// node provider.mjs PORT REDIRECT_URI CLIENT_SECRET
import Provider from 'oidc-provider';

const [port, redirectUri, clientSecret] = process.argv.slice(2);
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [{
    client_id: 'pcc-cases',
    client_secret: clientSecret,
    redirect_uris: [redirectUri],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
  }],
  pkce: { required: () => true },
  claims: { openid: ['sub'], profile: ['employee_id', 'name'] },
  conformIdTokenClaims: false, // the claims in the ID token, as Entra ID and Google do
  async findAccount(ctx, id) {
    return {
      accountId: id,
      async claims() {
        return { sub: `subject-${id}`, employee_id: id, name: id };
      },
    };
  },
  cookies: { keys: ['only-for-tests'] },
  features: { devInteractions: { enabled: true } },
});
provider.proxy = false;

const server = provider.listen(Number(port), '127.0.0.1', () => {
  process.stdout.write(`ready ${issuer}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
