// The Nest edge of reference data (docs/decisions/0245): the module that provides REFERENCE_DATA and serves
// GET /zones, the request DTO and the file loader. Domain code imports the pure entry @app/reference-data instead.
export * from '../interface/reference-data.module.js';
export * from '../interface/zones.controller.js';
export * from '../interface/accident-type.request.dto.js';
export * from '../infrastructure/load-reference-data.js';
