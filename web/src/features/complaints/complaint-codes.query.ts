import { graphql } from '../../gql/index.js';

/** The JR/T 0169-2018 code table (all three axes, in the standard's order). */
export const COMPLAINT_CODES_QUERY = graphql(`
  query ComplaintCodes_Codes {
    complaintCodes {
      axis
      code
      name
      parentCode
    }
  }
`);
