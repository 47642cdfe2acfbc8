/** The request and reply message types of a generated gRPC method definition (ts-proto's `*Service` entries). */
export type RequestOf<M> = M extends { requestDeserialize(bytes: Buffer): infer R } ? R : never;
export type ResponseOf<M> = M extends { responseDeserialize(bytes: Buffer): infer R } ? R : never;
