import { type PlanFrontMatter, writeFrontMatter } from './frontMatter';

// Lesson plan templates. Their headings are the structure teachers already use:
// the CAPS lesson plan (South Africa) and a plan built on student learning outcomes (Sindh).

export interface PlanTemplate {
  readonly id: string;
  readonly label: string;
  readonly description: string;
  /** Markdown body after the front matter. */
  readonly body: string;
}

export const CAPS_TEMPLATE: PlanTemplate = {
  id: 'caps',
  label: 'CAPS lesson plan',
  description:
    'South Africa: admin block, objectives, resources, phases of the lesson, assessment, reflection',
  body: `# {{title}}

| School | Teacher | Subject | Grade | Term / week | Date | Duration |
|---|---|---|---|---|---|---|
| {{school}} | {{teacher}} | {{subject}} | {{grade}} | {{termWeek}} | {{date}} | {{duration}} |

## Topic and CAPS reference
{{reference}}

## Lesson objectives
By the end of the lesson learners will be able to:

- 

## Resources
- (no cost) 
- (low cost) 

## Prior knowledge
- 

## Introduction (10 min)


## Development (25 min)
1. 

## Consolidation (5 min)


## Assessment
Informal: 

## Homework


## Differentiation
- Support: 
- Extension: 

## Reflection (after the lesson)
What worked, what to change, which learners need follow-up:
`,
};

export const SINDH_SLO_TEMPLATE: PlanTemplate = {
  id: 'sindh-slo',
  label: 'SLO-based lesson plan (Sindh)',
  description: 'Pakistan: student learning outcomes, materials, activities, assessment of the SLOs',
  body: `# {{title}}

| School | Teacher | Subject | Class | Date | Duration |
|---|---|---|---|---|---|
| {{school}} | {{teacher}} | {{subject}} | {{grade}} | {{date}} | {{duration}} |

## Student learning outcomes (SLOs)
{{reference}}
Students will be able to:

1. 

## Materials / A.V. aids
- (no cost) 
- (low cost) 

## Previous knowledge


## Introduction / motivation (5 min)


## Activities (25 min)
| Teacher's activity | Students' activity | Time |
|---|---|---|
|  |  |  |

## Assessment of the SLOs


## Home work


## Teacher's reflection
`,
};

export const BUILT_IN_TEMPLATES: readonly PlanTemplate[] = [CAPS_TEMPLATE, SINDH_SLO_TEMPLATE];

/** A cluster's own template, from a plan marked `kind: template`: its body after the front matter. */
export function clusterTemplate(
  id: string,
  title: string,
  markdown: string,
  bodyStart: number,
): PlanTemplate {
  return {
    id,
    label: title,
    description: 'Cluster template',
    body: markdown.slice(bodyStart).replace(/^\n+/, ''),
  };
}

/** The Markdown of a new plan: front matter, then the template with its placeholders filled. */
export function renderTemplate(
  template: PlanTemplate,
  fields: PlanFrontMatter & { reference?: string },
): string {
  const { reference, ...frontMatter } = fields;
  const values: Record<string, string> = {
    title: fields.title ?? 'Untitled lesson',
    school: fields.school ?? '',
    teacher: fields.teacher ?? '',
    subject: fields.subject ?? '',
    grade: fields.grade ?? '',
    termWeek: fields.term && fields.week ? `T${fields.term} W${fields.week}` : '',
    date: fields.date ?? '',
    duration: fields.duration ?? '',
    reference: reference ?? '',
  };
  const body = template.body.replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key] ?? '');
  return writeFrontMatter({ ...frontMatter, template: template.id }) + '\n' + body;
}
