import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { Context } from './context.js';
import { requireViewer } from './context.js';
import { notFound } from './errors.js';
import { typeOfId } from './ids.js';
import { Node } from './node.type.js';

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'Any object by its global id; NOT_FOUND when missing or outside your scope.' })
  async node(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    const viewer = requireViewer(ctx);
    const { hub, loaders } = ctx;
    let found: unknown = null;
    switch (typeOfId(id)) {
      case 'Branch':
        found = hub.org.branches(viewer).find((b) => b.id === id) ?? null;
        break;
      case 'Department':
        found = await loaders.department.load(id);
        break;
      case 'Category':
        found = await loaders.category.load(id);
        break;
      case 'Product':
        found = await loaders.product.load(id);
        break;
      case 'User':
        found = (await hub.users.list(viewer)).find((u) => u.id === id) ?? null;
        break;
      case 'Feedback':
        found = await hub.feedback.find(viewer, id);
        break;
      case 'Problem':
        found = await hub.problems.find(viewer, id);
        break;
      case 'LinkageAction':
        found = await hub.actions.find(viewer, id);
        break;
      case 'ComplaintCase':
        found = await hub.complaints.find(viewer, id);
        break;
      case 'Callback':
        found = await hub.callbacks.find(viewer, id);
        break;
      default:
        found = null;
    }
    if (!found) throw notFound('Node', id);
    return found;
  }
}
