import { Field, ID, InterfaceType } from 'type-graphql';
import { typeOfId } from './ids.js';

/** The concrete type of a node: its id says it (core/ids.ts). */
export const resolveNodeType = (value: { id: string }): string | undefined => typeOfId(value.id);

@InterfaceType('Node', {
  description: 'An object with a global id, fetchable with `node(id:)`.',
  resolveType: resolveNodeType,
})
export abstract class Node {
  @Field(() => ID)
  id!: string;
}
