import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { regionName } from '../../core/ids/regions.ts';
import { listUsers, type TUserRole, USER_ROLES } from '../../db/repositories/users.repository.ts';
import { createAccount } from '../../server/accounts.ts';
import { AppError } from '../../server/errors.ts';
import { withCliContext } from '../context.ts';

type TCreateOptions = {
  username: string;
  role: string;
  displayName?: string;
  password?: string;
  scopeRegion?: string;
  scopeOrgan?: string;
  scopeAssociation?: string;
};

/** Reads a password from the terminal without echoing it, or the first line of piped input. */
async function promptPassword(question: string): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) {
    const lines = createInterface({ input });
    for await (const line of lines) {
      lines.close();
      return line;
    }
    return '';
  }
  process.stdout.write(question);
  input.setRawMode(true);
  input.resume();
  input.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let value = '';
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') {
          input.setRawMode(false);
          input.pause();
          input.off('data', onData);
          process.stdout.write('\n');
          resolve(value);
          return;
        }
        if (char === '\u0003') {
          input.setRawMode(false);
          reject(new Error('cancelled'));
          return;
        }
        value = char === '\u007f' ? value.slice(0, -1) : value + char;
      }
    };
    input.on('data', onData);
  });
}

export function registerUserCommands(program: Command): void {
  const user = program.command('user').description('Manage accounts of the web application');

  user
    .command('create')
    .description('Create an account; the password is asked for unless --password is given')
    .requiredOption('--username <name>', 'login name (a–z, 0–9, dot, dash, underscore)')
    .requiredOption('--role <role>', `one of ${USER_ROLES.join(', ')}`)
    .option('--display-name <name>', 'name shown in the application')
    .option('--password <password>', 'password (at least 10 characters); prefer the prompt')
    .option('--scope-region <code>', "region of a regulator or inspector ('100000' = the whole country)")
    .option('--scope-organ <code>', 'organ code of an organ account')
    .option('--scope-association <uscc>', 'USCC of an association account')
    .action(async (options: TCreateOptions) => {
      const password = options.password ?? (await promptPassword('Password: '));
      await withCliContext(async ({ db }) => {
        try {
          const { id } = await createAccount(db, {
            username: options.username,
            displayName: options.displayName,
            password,
            role: options.role as TUserRole,
            scopeRegion: options.scopeRegion,
            scopeOrgan: options.scopeOrgan,
            scopeAssociation: options.scopeAssociation,
            actor: { id: null, label: 'cli' },
          });
          console.log(`created account ${options.username} (id ${id}, role ${options.role})`);
        } catch (error) {
          if (error instanceof AppError)
            throw new Error(`cannot create ${options.username}: ${error.message}`);
          throw error;
        }
      });
    });

  user
    .command('list')
    .description('List the accounts with their role and scope')
    .action(async () => {
      const users = await withCliContext(({ db }) => listUsers(db));
      if (users.length === 0) {
        console.log('no accounts yet: create one with `tuogou user create`');
        return;
      }
      for (const u of users) {
        const scope = u.scopeRegion
          ? `region ${u.scopeRegion} ${u.scopeRegion === '100000' ? '全国' : (regionName(u.scopeRegion) ?? '')}`
          : u.scopeOrganCode
            ? `organ ${u.scopeOrganCode} ${u.scopeOrganName ?? ''}`
            : u.scopeAssociationUscc
              ? `association ${u.scopeAssociationUscc} ${u.scopeAssociationName ?? ''}`
              : 'everything';
        const state = !u.active
          ? 'inactive'
          : u.lockedUntil && new Date(u.lockedUntil) > new Date()
            ? 'locked'
            : 'active';
        console.log(`${u.username.padEnd(20)} ${u.role.padEnd(12)} ${state.padEnd(9)} ${scope.trim()}`);
      }
    });
}
