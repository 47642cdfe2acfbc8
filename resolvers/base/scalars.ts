import { DateTimeResolver, JSONObjectResolver, LocalDateResolver } from 'graphql-scalars';
import { GraphQLUpload } from 'graphql-upload-minimal';

export const scalarResolvers = {
  DateTime: DateTimeResolver,
  LocalDate: LocalDateResolver,
  JSONObject: JSONObjectResolver,
  Upload: GraphQLUpload,
};
