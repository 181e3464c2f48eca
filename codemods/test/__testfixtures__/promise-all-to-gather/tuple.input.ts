interface User { id: string; name: string }
interface Post { title: string }

declare function fetchUser(id: string): Promise<User>;
declare function fetchPosts(id: string): Promise<Post[]>;

export async function profile(id: string): Promise<string> {
  const [user, posts] = await Promise.all([fetchUser(id), fetchPosts(id)]);
  const name: string = user.name;
  const titles: string[] = posts.map((post) => post.title);
  return `${name}: ${titles.join(', ')}`;
}
