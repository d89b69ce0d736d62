import { Field, ID, InterfaceType } from 'type-graphql';
import { typeOfId } from './ids.js';

@InterfaceType('Node', {
  description: 'An object with a global id, fetchable with `node(id:)`.',
  resolveType: (value: { id: string }) => typeOfId(value.id),
})
export abstract class Node {
  @Field(() => ID)
  id!: string;
}
