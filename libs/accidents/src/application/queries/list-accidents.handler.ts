import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ACCIDENT_READ_MODEL, ListAccidentsQuery, type AccidentListItem, type AccidentReadModel } from './list-accidents.query.js';

@QueryHandler(ListAccidentsQuery)
export class ListAccidentsHandler implements IQueryHandler<ListAccidentsQuery> {
  constructor(@Inject(ACCIDENT_READ_MODEL) private readonly readModel: AccidentReadModel) {}

  execute(query: ListAccidentsQuery): Promise<AccidentListItem[]> {
    return this.readModel.list(query.filter);
  }
}
