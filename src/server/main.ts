import { loadConfig } from './config';
import { buildApp } from './app';

const config = loadConfig();
const { app, generatedAdminPassword } = await buildApp(config);
if (generatedAdminPassword) {
  // Printed once, to the console only: the first start's admin password.
  process.stdout.write(`\n  管理员账号 admin 的初始密码 / initial password of "admin": ${generatedAdminPassword}\n  请登录后立即修改 / change it after logging in.\n\n`);
}
const shutdown = async () => {
  await app.close();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
await app.listen({ port: config.port, host: config.host });
