import { z } from 'zod';
import { searchQuerySchema } from '../../portal/search.routes';
import {
  agencyListSchema,
  agencyParams,
  columnListSchema,
  errorSchema,
  itemDetailSchema,
  itemListSchema,
  itemParams,
  itemsQueryShape,
  searchResultSchema,
} from './api.schemas';

// The OpenAPI 3.1 description of /api/v1, made from the same zod schemas the routes validate with, so
// the documented limits are the enforced ones. One entry per route in api.routes.ts (a test checks).

type JsonSchema = Record<string, unknown>;

interface Operation {
  path: string;
  summary: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  response: keyof typeof responseSchemas | 'OpenApi';
  errors: ('400' | '404')[];
}

const responseSchemas = {
  AgencyList: agencyListSchema,
  ColumnList: columnListSchema,
  ItemList: itemListSchema,
  ItemDetail: itemDetailSchema,
  SearchResult: searchResultSchema,
  Error: errorSchema,
};

const operations: Operation[] = [
  { path: '/api/v1/agencies', summary: '启用的机构', response: 'AgencyList', errors: [] },
  {
    path: '/api/v1/agencies/{code}/columns',
    summary: '机构的栏目',
    params: agencyParams,
    response: 'ColumnList',
    errors: ['400', '404'],
  },
  {
    path: '/api/v1/items',
    summary: '公开信息列表（最新在前，分页）',
    query: itemsQueryShape,
    response: 'ItemList',
    errors: ['400', '404'],
  },
  {
    path: '/api/v1/items/{id}',
    summary: '一条公开信息的完整记录',
    params: itemParams,
    response: 'ItemDetail',
    errors: ['400', '404'],
  },
  {
    path: '/api/v1/search',
    summary: '全文检索（匿名：仅已发布且对外公开的信息；一两个字的词也能检索）',
    query: searchQuerySchema,
    response: 'SearchResult',
    errors: ['400'],
  },
  { path: '/api/v1/openapi.json', summary: '本文档（OpenAPI 3.1）', response: 'OpenApi', errors: [] },
];

function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io }) as JsonSchema;
  return rest;
}

function parametersOf(schema: z.ZodObject, location: 'path' | 'query') {
  const json = jsonSchemaOf(schema, 'input') as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const { description, deprecated, ...rest } = property;
    return {
      name,
      in: location,
      required: location === 'path' || (json.required ?? []).includes(name),
      ...(description ? { description } : {}),
      ...(deprecated ? { deprecated: true } : {}),
      schema: rest,
    };
  });
}

const jsonContent = (schema: JsonSchema) => ({ 'application/json': { schema } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

function operationObject(op: Operation) {
  const parameters = [
    ...(op.params ? parametersOf(op.params, 'path') : []),
    ...(op.query ? parametersOf(op.query, 'query') : []),
  ];
  const ok = op.response === 'OpenApi' ? { type: 'object' } : ref(op.response);
  const responses: Record<string, unknown> = { '200': { description: '成功', content: jsonContent(ok) } };
  for (const status of op.errors) responses[status] = { $ref: `#/components/responses/${status}` };
  return { summary: op.summary, ...(parameters.length ? { parameters } : {}), responses };
}

function buildDocument() {
  const schemas = Object.fromEntries(
    Object.entries(responseSchemas).map(([name, schema]) => [name, jsonSchemaOf(schema, 'output')]),
  );
  return {
    openapi: '3.1.0',
    info: {
      title: '政府信息公开 API',
      version: '1.0.0',
      description:
        '只读、匿名：仅含已发布且对外公开的信息。错误统一为 { error: { code, message, fields? } }。',
    },
    paths: Object.fromEntries(operations.map((op) => [op.path, { get: operationObject(op) }])),
    components: {
      schemas,
      responses: {
        '400': { description: '参数有误；error.fields 按字段名给出说明', content: jsonContent(ref('Error')) },
        '404': { description: '机构、栏目或信息不存在（或不公开）', content: jsonContent(ref('Error')) },
      },
    },
  };
}

let cached: ReturnType<typeof buildDocument> | undefined;

/** The OpenAPI document, built once. */
export function openApiDocument(): ReturnType<typeof buildDocument> {
  cached ??= buildDocument();
  return cached;
}
