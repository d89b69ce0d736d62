export const USER_FIELDS = 'id username displayName role active mustChangePassword branch { id name } department { id name }';

export const CREATE_USER = `mutation UserFormModal_Create($input: CreateUserInput!) { createUser(input: $input) { ${USER_FIELDS} } }`;

export const UPDATE_USER = `mutation UserFormModal_Update($input: UpdateUserInput!) { updateUser(input: $input) { ${USER_FIELDS} } }`;
