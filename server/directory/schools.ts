// A cluster's schools: ids made from their names (the id names the school's coverage document),
// and finding a school by what a person typed, its name or its id.
import type { School } from './directory';
import { slugify } from './secrets';

export function schoolIds(names: readonly string[]): School[] {
  const used = new Set<string>();
  return names.map((name, index) => {
    const base = slugify(name, `school-${index + 1}`);
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    return { id, name };
  });
}

export function findSchool(schools: readonly School[], nameOrId: string): School | undefined {
  const wanted = nameOrId.trim().toLowerCase();
  return schools.find((s) => s.id === wanted || s.name.toLowerCase() === wanted);
}
