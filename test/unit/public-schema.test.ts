import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, isEnumType, isInputObjectType, isInterfaceType, isObjectType } from 'graphql';

const SDL = fs.readFileSync(path.resolve(__dirname, '../../schema/schema.graphql'), 'utf8');
const PROVIDERS = ['codat', 'sinao', 'xero'];

describe('the public schema speaks to API users', () => {
  it('cites no internal document (design notes, contracts, review rows)', () => {
    const citations = [/\bseed\b/i, /\bCONTRACT\b/, /§/, /\bO[1-9]\b/, /\bD[1-9]\d?\b/, /\bDESIGN(\.md)?\b/, /\bREVIEW(\.md)?\b/, /\bstep [0-9]/i];
    const found = SDL.split('\n').flatMap((line, i) => (citations.some((re) => re.test(line)) ? [`${i + 1}: ${line.trim()}`] : []));
    expect(found).toEqual([]);
  });

  it('names a provider only where a type or field is that provider\'s own', () => {
    const schema = buildSchema(SDL);
    const offenders: string[] = [];
    const check = (where: string, text: string | null | undefined, owner: string) => {
      for (const p of PROVIDERS) if (text?.toLowerCase().includes(p) && !owner.toLowerCase().startsWith(p)) offenders.push(`${where}: ${text}`);
    };
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__')) continue;
      check(type.name, type.description, type.name);
      if (isEnumType(type)) for (const v of type.getValues()) check(`${type.name}.${v.name}`, v.description, type.name === 'ProviderKind' ? v.name : type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          const owner = type.name.toLowerCase().startsWith(field.name.toLowerCase()) ? type.name : PROVIDERS.includes(field.name) ? field.name : type.name;
          check(`${type.name}.${field.name}`, field.description, owner);
          if ('args' in field) for (const arg of field.args) check(`${type.name}.${field.name}(${arg.name})`, arg.description, owner);
        }
      }
    }
    expect(offenders).toEqual([]);
  });
});
