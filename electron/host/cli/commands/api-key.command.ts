import { ApiKeyId } from '../../../../shared/ids.ts';
import type { KindredCore } from '../../../core/app.ts';
import type { CliOptions } from '../options.ts';
import { UsageError } from '../cli-error.ts';
import { libraryFilter } from './library-filter.ts';

/**
 * `kindred api-key create NAME [--library L] | list | revoke ID`: keys for the local REST API. The
 * secret is printed once, on create, and never again: only its hash is stored.
 */
export async function apiKeyCommand(core: KindredCore, opts: CliOptions, out: NodeJS.WritableStream): Promise<number> {
  const [action, ...rest] = opts.args;
  switch (action) {
    case 'create': {
      const name = rest.join(' ').trim();
      if (!name) throw new UsageError('api-key create needs a name, e.g. `kindred api-key create "home automation"`');
      const library_id = await libraryFilter(core, opts.library);
      const { key, secret } = await core.invoke('api_keys.create', { name, ...(library_id ? { library_id } : {}) });
      if (opts.json) out.write(`${JSON.stringify({ ...key, secret })}\n`);
      else out.write(`${secret}\n\nKey ${key.id} "${key.name}" (${key.library_id ? `library ${key.library_id} only` : 'every library'}).\nSend it as the X-API-Key header. It is shown only this once: store it now.\n`);
      return 0;
    }
    case 'list': {
      const keys = await core.invoke('api_keys.list', { include_revoked: false });
      if (opts.json) out.write(`${JSON.stringify(keys)}\n`);
      else if (keys.length === 0) out.write('No API keys. Create one with `kindred api-key create NAME`.\n');
      else for (const k of keys) out.write(`${k.id}  ${k.prefix}…  ${k.name}  ${k.library_id ?? 'all libraries'}  created ${k.created_at}  last used ${k.last_used_at ?? 'never'}\n`);
      return 0;
    }
    case 'revoke': {
      const id = ApiKeyId.safeParse(rest[0]);
      if (!id.success) throw new UsageError('api-key revoke needs a key id (apikey_…), as `kindred api-key list` shows');
      const key = await core.invoke('api_keys.revoke', { key_id: id.data });
      if (opts.json) out.write(`${JSON.stringify(key)}\n`);
      else out.write(`Revoked ${key.id} "${key.name}".\n`);
      return 0;
    }
    default:
      throw new UsageError(action ? `unknown api-key action "${action}" (create, list or revoke)` : 'api-key needs an action: create, list or revoke');
  }
}
